"""The hybrid clause search as a LangChain retriever, for the LLM mode."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from clusterbot.config import Settings
from clusterbot.retrieval.search import search


class PolicyClauseRetriever(BaseRetriever):
    """Returns policy clauses as Documents: page_content is the clause text, metadata the citation fields."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    settings: Settings
    k: int = 5
    doc_id: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = search(self.settings, query, k=self.k, doc_id=self.doc_id)
        documents = []
        for hit in hits:
            metadata = hit.model_dump(exclude={"text"})
            content = f"{hit.label} {hit.title}\n{hit.text}".strip()
            documents.append(Document(page_content=content, metadata=metadata, id=f"{hit.doc_id}::{hit.clause_id}"))
        return documents
