"""Optional LLM mode: a LangChain tool-calling agent over any OpenAI-compatible endpoint.

Public API:
    bot.llm.agent.answer_with_llm(settings, question, conversation, offline, chat_model=None)
        -> tuple[Answer, dict]
    bot.llm.grounding.extract_numbers / check_numbers / check_citations / Evidence  (the grounding rules)

Nothing here imports LangChain at package import time: offline start-up stays fast.
"""
