"""GutPain Desktop: a private, offline journal for chronic pain and the gut."""

__version__ = "0.1.0"
APP_NAME = "GutPain Desktop"
APP_ID = "gutpain-desktop"
