"""The web portal: server-rendered pages for people who never touch the API.

Pages (FastAPI + Jinja2, Danish and English) sit on the same application as ``/api/v1`` and use the same
services, session cookie, access policy and comparison logic; charts and maps are Plotly figures built in
Python and drawn as SVG in the browser by the ``plotly.min.js`` of the installed plotly package (served
locally, so the portal works offline).

- ``routes``: the router mounted by :func:`flis.api.app.create_app`, and the static files;
- ``pages``: signed-in page context, HTML error pages, template rendering;
- ``i18n``: the UI texts (``i18n/da.yaml``, ``i18n/en.yaml``) and number formats;
- one module per page group: ``login``, ``dashboard``, ``figures``, ``compare``, ``drill``, ``deliveries``;
- ``charts`` (bar chart, time series, sparklines), ``maps`` (choropleth), ``matrix`` (delivery status).

Kept free of imports so that ``flis.web.maps`` and friends can be imported on their own.
"""
