"""Synthetic researcher portfolios for demos and benchmarks (manage.py generate_portfolios).

vocab.py holds the word lists, world.py draws people and papers from a seed, and documents.py
writes each person's CV text.
"""
