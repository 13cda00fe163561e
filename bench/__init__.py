"""`make bench`: NLU figures, end-to-end load through the gateway and straight at Rasa,
and each process's peak memory, written to bench/results/."""
