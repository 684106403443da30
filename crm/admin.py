"""Admin for users (roles are groups)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from crm.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("language", "roc_dates")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "language")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "language")
