"""Streamlit's own floor for bench/page_render.py: a page of one title, served as app.py with the project's config."""

import streamlit as st

st.title("Floor")
