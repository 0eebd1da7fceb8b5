"""The clusterbot command line."""
