"""Exchange with practitioners and other apps: CSV export with a data dictionary, a PDF summary, and import of our
own entries.csv and of Flaredown's CSV export. No Qt; storage is reached through its repositories only."""
