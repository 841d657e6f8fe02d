"""Placeholder: this page is being built (see the project's open issues)."""

import streamlit as st

st.title("place profile".capitalize())
st.info("This page is not built yet.")
