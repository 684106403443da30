"""The REST API under /api/v1/ (SPEC §5.2): shared plumbing used by every app's viewsets."""
