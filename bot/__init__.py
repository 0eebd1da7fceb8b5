"""clusterbot: the assistant core and its channels (CLI, Slack, WeCom)."""
