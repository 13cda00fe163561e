"""Reading what residents type where the assistant asked a closed question.

``confirm`` reads yes, no and corrections at every confirmation, with the
words listed in ``confirm_words``; ``when`` reads a callback time typed in
words. Pure functions of the text (and of the offered windows): no HTTP, no
database, no Rasa.
"""
