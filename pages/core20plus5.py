"""Placeholder: this page is being built (see the project's open issues)."""

import streamlit as st

st.title("core20plus5".capitalize())
st.info("This page is not built yet.")
