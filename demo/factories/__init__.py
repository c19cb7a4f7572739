"""Factories for every app's pages and rows, one module per app. Tests and load_demo
build content from them; factory-boy is a test/dev dependency, so nothing under the
production settings imports this package."""
