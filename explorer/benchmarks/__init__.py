"""Tools that measure the app from outside: a class of simulated students over Streamlit's websocket
(:mod:`.loadbench`) and page reruns in AppTest (:mod:`.pagebench`). Nothing the app or a district's
deployment runs imports this package (tests/test_layout.py); the CLI's ``bench`` command does, lazily.
"""
