"""Models of the opportunities app."""
