"""Streamlit's one-chart floor for bench/page_render.py: a title and one small Plotly chart, nothing else."""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Bar(x=list(range(12)), y=[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8])), width="stretch")
