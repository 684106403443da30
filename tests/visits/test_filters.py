"""The visits app's FilterSets on their own (the API and the pages both use them)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.factories import CommitmentFactory, VisitFactory
from visits.filters import CommitmentFilterSet, VisitFilterSet
from visits.models import Commitment, Visit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 10)


def titles(filterset) -> set[str]:
    assert filterset.is_valid(), filterset.errors
    return {row.title for row in filterset.qs}


@time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_the_overdue_filter_is_the_models_rule():
    CommitmentFactory(title="late", due_on=TODAY - dt.timedelta(days=1))
    CommitmentFactory(title="today", due_on=TODAY)
    CommitmentFactory(title="undated", due_on=None)
    CommitmentFactory(
        title="closed", due_on=dt.date(2025, 1, 1), status="done", outcome="x", completed_on=TODAY
    )
    queryset = Commitment.objects.all()
    assert titles(CommitmentFilterSet({"overdue": "true"}, queryset=queryset)) == {"late"}
    assert titles(CommitmentFilterSet({"overdue": "false"}, queryset=queryset)) == {
        "today",
        "undated",
        "closed",
    }


@time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_a_bad_filter_value_is_a_form_error_not_an_exception():
    filterset = CommitmentFilterSet({"overdue": "maybe"}, queryset=Commitment.objects.all())
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"overdue"}


@time_machine.travel(dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_the_report_overdue_filter_is_the_models_rule():
    VisitFactory(title="late", report_due_on=TODAY - dt.timedelta(days=1))
    VisitFactory(title="due today", report_due_on=TODAY)
    VisitFactory(title="submitted", report_due_on=dt.date(2025, 1, 1), report_submitted_on=TODAY)
    VisitFactory(title="cancelled", report_due_on=dt.date(2025, 1, 1), status="cancelled")
    queryset = Visit.objects.all()
    assert titles(VisitFilterSet({"report_overdue": "true"}, queryset=queryset)) == {"late"}
    assert "late" not in titles(VisitFilterSet({"report_overdue": "false"}, queryset=queryset))


def test_a_filterset_builds_its_form_class_once_and_each_form_its_own_fields():
    first = CommitmentFilterSet(data={"status": "open"}, queryset=Commitment.objects.all())
    second = CommitmentFilterSet(data={"status": "done"}, queryset=Commitment.objects.all())
    assert type(first.form) is type(second.form)
    first.form.fields["status"].label = "changed by one page"
    assert second.form.fields["status"].label != "changed by one page"
    assert first.is_valid()
    assert second.is_valid()
    assert (first.form.cleaned_data["status"], second.form.cleaned_data["status"]) == (
        "open",
        "done",
    )
