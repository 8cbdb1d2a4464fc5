"""The REST API (``/api/v1``): catalogue, figures, comparisons, time series, drill-down, deliveries.

See docs/api.md. ``flis.api.app.create_app`` builds the FastAPI application.
"""
