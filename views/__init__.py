"""Streamlit rendering shared by the pages: the frame (connection, filters) and blocks."""
