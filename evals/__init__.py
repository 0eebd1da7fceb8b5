"""Evaluation: question sets (evals/sets/*.yaml) scored through the one answer() core; see `clusterbot eval`."""
