"""The residents' web door: the widget API, the widget's texts, the pages and Open311."""
