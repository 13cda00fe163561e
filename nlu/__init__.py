"""Polish NLU components for Rasa 3.6.

Rasa loads the components, registered in ``config.yml`` by their dotted path.
The gateway and the action server import only ``nlu.folding`` (the same folded
text for whole-word matching everywhere: safety, triage, units, forms); nothing
here imports ``bot`` or ``actions``.
"""
