"""Scans of the renditions, for the OCR reader (`make fixtures`)."""
