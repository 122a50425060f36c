"""Pure domain model: entries, scales and validation. No Qt, no SQLAlchemy."""
