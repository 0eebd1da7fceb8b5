"""clusterbot — 县域特色产业集群政策助手.

One import name for the whole product. The foundation every layer relies on lives here
(config, errors, models, paths, templates, messages, migrations, state); the layers are
subpackages: clusterbot.retrieval and clusterbot.tools (policy index, indicator store, typed
tools), clusterbot.bot (the assistant and its channels) and clusterbot.evals (evaluation).
Prompts and the shipped data are package data (clusterbot/prompts, clusterbot/data).
"""
