# broadsheet: build, test, demo, bench, install, lint, sanitize, fuzz, valgrind.
# Everything runs offline with Debian's packages (tools/deps installs them when root).

LUA       ?= lua5.4
LUA_INC   ?= $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
# libxml2 reads web pages (csrc/html*.c).
XML_CFLAGS ?= $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   ?= $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
CC        ?= cc
CFLAGS    ?= -O2 -g
WARNINGS  := -std=c99 -Wall -Wextra -Werror -pedantic
PREFIX    ?= /usr/local
LUADIR    := $(PREFIX)/share/lua/5.4
LIBDIR    := $(PREFIX)/lib/lua/5.4
BINDIR    := $(PREFIX)/bin

# The plain C parts (no Lua in them) and the one binding file.
PARSER_SRC := csrc/text.c csrc/date.c csrc/fold.c csrc/slug.c csrc/words.c csrc/article.c \
              csrc/page.c csrc/page_head.c csrc/html.c csrc/html_tree.c csrc/html_input.c csrc/html_meta.c \
              csrc/warc.c csrc/http.c csrc/escape.c csrc/segment.c
BINDING    := csrc/core.c
HEADERS    := $(wildcard csrc/*.h)
CORE       := build/broadsheet/core.so
SAN_CORE   := build/sanitize/broadsheet/core.so
SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
C_TESTS    := build/test_date build/test_slug
EMBED      := build/embed

# Fuzzing with clang's libFuzzer, and memcheck: `sh tools/deps fuzz|valgrind`
# installs what only these targets need.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZERS      := article page date slug words lines segment escape lua compilers html warc
FUZZ_BINS    := $(FUZZERS:%=build/fuzz/fuzz_%)
VG_TESTS     := $(C_TESTS:build/%=build/valgrind/%)
VG_SPECS     := spec/parse_spec.lua spec/bad_input_spec.lua spec/core_spec.lua spec/squeeze_spec.lua \
                spec/slug_spec.lua spec/bbc_spec.lua spec/regressions_spec.lua spec/webarchive_spec.lua \
                spec/html_spec.lua

.PHONY: all deps test demo bench install uninstall lint sanitize clean
.PHONY: deps-fuzz deps-valgrind fuzz fuzz-smoke valgrind

all: $(CORE)

deps:
	@sh tools/deps

$(CORE): $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(CFLAGS) $(XML_CFLAGS) -fPIC -shared $(LUA_INC) -o $@ $(PARSER_SRC) $(BINDING) -lutf8proc $(XML_LIBS) -lz -lm

$(SAN_CORE): $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(XML_CFLAGS) -O1 -g $(SANITIZERS) -fPIC -shared $(LUA_INC) -o $@ $(PARSER_SRC) $(BINDING) -lutf8proc $(XML_LIBS) -lz -lm

build/test_%: spec/c/test_%.c $(PARSER_SRC) $(HEADERS) spec/c/check.h
	@mkdir -p build
	$(CC) $(WARNINGS) $(XML_CFLAGS) -O1 -g $(SANITIZERS) -Icsrc -o $@ $< $(PARSER_SRC) -lutf8proc $(XML_LIBS) -lz -lm

$(EMBED): examples/embed/host.c $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p build
	$(CC) $(WARNINGS) $(CFLAGS) $(XML_CFLAGS) $(LUA_INC) -Icsrc -o $@ examples/embed/host.c $(PARSER_SRC) $(BINDING) \
		-Wl,-Bstatic -llua5.4 -Wl,-Bdynamic -lutf8proc $(XML_LIBS) -lz -lm -ldl

# The harnesses: each links the plain C parts; fuzz_lua also the binding and Lua.
build/fuzz/fuzz_lua: csrc/fuzz/fuzz_lua.c csrc/fuzz/fuzz.h $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARNINGS) $(XML_CFLAGS) $(FUZZ_FLAGS) $(LUA_INC) -Icsrc -o $@ $< $(PARSER_SRC) $(BINDING) \
		-Wl,-Bstatic -llua5.4 -Wl,-Bdynamic -lutf8proc $(XML_LIBS) -lz -lm -ldl

# The compilers need LPeg, a module loaded at run time: Lua is linked as the
# shared library it resolves its symbols in.
build/fuzz/fuzz_compilers: csrc/fuzz/fuzz_compilers.c csrc/fuzz/fuzz.h $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARNINGS) $(XML_CFLAGS) $(FUZZ_FLAGS) $(LUA_INC) -Icsrc -o $@ $< $(PARSER_SRC) $(BINDING) -llua5.4 -lutf8proc $(XML_LIBS) -lz -lm

build/fuzz/fuzz_%: csrc/fuzz/fuzz_%.c csrc/fuzz/fuzz.h $(PARSER_SRC) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARNINGS) $(XML_CFLAGS) $(FUZZ_FLAGS) -Icsrc -o $@ $< $(PARSER_SRC) -lutf8proc $(XML_LIBS) -lz -lm

# The C unit tests without sanitizers, for memcheck.
build/valgrind/test_%: spec/c/test_%.c $(PARSER_SRC) $(HEADERS) spec/c/check.h
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(XML_CFLAGS) -O1 -g -Icsrc -o $@ $< $(PARSER_SRC) -lutf8proc $(XML_LIBS) -lz -lm

test: deps $(CORE) $(C_TESTS) $(EMBED)
	@sh tools/run-tests $(C_TESTS)

demo: deps $(CORE)
	@$(LUA) tools/demo.lua examples/archive examples/web

bench: deps $(CORE)
	@$(LUA) bench/run

lint: deps
	luacheck lua spec tools examples bin/broadsheet bench/run bench/gen bench/sections bench/*.lua
	$(MAKE) -B $(CORE) CFLAGS="$(CFLAGS)"

sanitize: deps $(SAN_CORE) $(C_TESTS) $(EMBED)
	@sh tools/run-tests --sanitize $(C_TESTS)

deps-fuzz:
	@sh tools/deps fuzz

deps-valgrind:
	@sh tools/deps valgrind

# Each harness for FUZZ_SECONDS from a copy of its seed corpus; fails on any crash.
fuzz: deps-fuzz $(FUZZ_BINS)
	@FUZZ_JOBS=$(FUZZ_JOBS) sh tools/fuzz $(FUZZ_SECONDS) $(FUZZERS)

fuzz-smoke: deps-fuzz $(FUZZ_BINS)
	@FUZZ_JOBS=$(FUZZ_JOBS) sh tools/fuzz 20 $(FUZZERS)

# The C tests and the C-heavy specs under memcheck: zero errors, zero definite leaks.
valgrind: deps-valgrind $(CORE) $(VG_TESTS)
	@sh tools/valgrind $(VG_TESTS) -- $(VG_SPECS)

install: $(CORE)
	install -d $(DESTDIR)$(LUADIR)/broadsheet/formats $(DESTDIR)$(LUADIR)/broadsheet/web \
		$(DESTDIR)$(LIBDIR)/broadsheet $(DESTDIR)$(BINDIR)
	install -m 644 lua/broadsheet/*.lua $(DESTDIR)$(LUADIR)/broadsheet/
	install -m 644 lua/broadsheet/formats/*.lua $(DESTDIR)$(LUADIR)/broadsheet/formats/
	install -m 644 lua/broadsheet/web/*.lua $(DESTDIR)$(LUADIR)/broadsheet/web/
	install -m 755 $(CORE) $(DESTDIR)$(LIBDIR)/broadsheet/core.so
	install -m 755 bin/broadsheet $(DESTDIR)$(BINDIR)/broadsheet

uninstall:
	rm -rf $(DESTDIR)$(LUADIR)/broadsheet $(DESTDIR)$(LIBDIR)/broadsheet $(DESTDIR)$(BINDIR)/broadsheet

clean:
	rm -rf build
