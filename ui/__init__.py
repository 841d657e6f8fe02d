"""App layer shared by the pages: cached data access and reusable Streamlit widgets (the only place besides
``pages/`` and ``app.py`` that imports streamlit)."""
