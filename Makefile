# clusterbot — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_WORKERS ?= 2
SOAK_SECONDS ?= 60

.PHONY: demo test lint typecheck eval bench bench-answer clean help

help:
	@echo "make demo   建立环境、构建索引与示例数据库，并回答几个示例问题"
	@echo "make test   建立/更新环境并运行代码检查（ruff、basedpyright）、全部测试和离线评测"
	@echo "make bench  运行性能基准，结果写入 bench/report.json 与 bench/REPORT.md（SOAK_SECONDS=600 延长稳定性测试，默认 60 秒）"
	@echo "make bench-answer  只测回答：clusterbot ask 冷启动（多次新进程取中位数）与常驻进程内回答 p95，其余部分沿用上次结果"
	@echo "make eval   运行评测问题集并生成报告 out/eval-report.md"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	@echo "==> 安装依赖（首次约需几分钟）"
	$(BIN)/pip install --quiet --progress-bar off -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/python -m clusterbot.bot.demo

lint: $(STAMP)
	$(BIN)/ruff check clusterbot bot retrieval tools evals tests data bench

typecheck: $(STAMP)
	$(BIN)/basedpyright --project pyproject.toml

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

eval: $(STAMP)
	$(BIN)/clusterbot eval evals/sets/*.yaml --baseline evals/baseline.json --report out/eval-report.md

bench: $(STAMP)
	SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python -m bench.run

bench-answer: $(STAMP)
	BENCH_PARTS=answer $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var out .pytest_cache .ruff_cache
