"""Optional LLM mode: a LangChain tool-calling agent over any OpenAI-compatible endpoint.

Public API:
    bot.llm.agent.answer_with_llm(settings, question, conversation, offline, chat_model=None)
        -> tuple[Answer, dict]
    bot.llm.quantities.extract_quantities  (every quantity of a text, with its role, sign and unit)
    bot.llm.grounding.check_numbers / check_citations / Evidence  (the grounding rules)
    bot.llm.breaker.breaker_for  (the per-process circuit breaker of an endpoint)

Nothing here imports LangChain at package import time: offline start-up stays fast.
"""
