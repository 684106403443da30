# One image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install -e .
COPY . .
RUN useradd --create-home --uid 10001 crm && mkdir -p /app/staticfiles /data/media \
    && chown -R crm /app/staticfiles /data/media
USER crm
# Settings need service URLs to load; collectstatic connects to neither.
RUN DJANGO_ENV=production SECRET_KEY=build-only ALLOWED_HOSTS=build \
    DATABASE_URL=postgres://build@localhost/none CELERY_BROKER_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput

EXPOSE 8000
CMD ["gunicorn", "crm.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "--logger-class", "crm.logs.GunicornLogger"]
