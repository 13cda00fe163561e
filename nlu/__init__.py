"""Polish NLU components for Rasa 3.6.

Nothing but Rasa imports this package (see ARCHITECTURE.md); the components
are registered in ``config.yml`` by their dotted path.
"""
