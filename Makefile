# broadsheet: build, test, demo, bench, install, lint, sanitize.
# Everything runs offline with Debian's packages (tools/deps installs them when root).

LUA       ?= lua5.4
LUA_INC   ?= $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
CC        ?= cc
CFLAGS    ?= -O2 -g
WARNINGS  := -std=c99 -Wall -Wextra -Werror -pedantic
PREFIX    ?= /usr/local
LUADIR    := $(PREFIX)/share/lua/5.4
LIBDIR    := $(PREFIX)/lib/lua/5.4
BINDIR    := $(PREFIX)/bin

# The plain C parts (no Lua in them) and the one binding file.
PARSER_SRC := csrc/text.c csrc/date.c csrc/fold.c csrc/slug.c csrc/article.c
BINDING    := csrc/core.c
HEADERS    := $(wildcard csrc/*.h)
CORE       := build/broadsheet/core.so
SAN_CORE   := build/sanitize/broadsheet/core.so
SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
C_TESTS    := build/test_date build/test_slug
EMBED      := build/embed

.PHONY: all deps test demo bench install uninstall lint sanitize clean

all: $(CORE)

deps:
	@sh tools/deps

$(CORE): $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) $(CFLAGS) -fPIC -shared $(LUA_INC) -o $@ $(PARSER_SRC) $(BINDING) -lutf8proc

$(SAN_CORE): $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(WARNINGS) -O1 -g $(SANITIZERS) -fPIC -shared $(LUA_INC) -o $@ $(PARSER_SRC) $(BINDING) -lutf8proc

build/test_%: spec/c/test_%.c $(PARSER_SRC) $(HEADERS) spec/c/check.h
	@mkdir -p build
	$(CC) $(WARNINGS) -O1 -g $(SANITIZERS) -Icsrc -o $@ $< $(PARSER_SRC) -lutf8proc

$(EMBED): examples/embed/host.c $(PARSER_SRC) $(BINDING) $(HEADERS)
	@mkdir -p build
	$(CC) $(WARNINGS) $(CFLAGS) $(LUA_INC) -Icsrc -o $@ examples/embed/host.c $(PARSER_SRC) $(BINDING) \
		-Wl,-Bstatic -llua5.4 -Wl,-Bdynamic -lutf8proc -lm -ldl

test: deps $(CORE) $(C_TESTS) $(EMBED)
	@sh tools/run-tests $(C_TESTS)

demo: deps $(CORE)
	@$(LUA) tools/demo.lua examples/archive

bench: deps $(CORE)
	@sh bench/run

lint: deps
	luacheck lua spec tools examples bin/broadsheet bench/gen bench/parse bench/tags
	$(MAKE) -B $(CORE) CFLAGS="$(CFLAGS)"

sanitize: deps $(SAN_CORE) $(C_TESTS) $(EMBED)
	@sh tools/run-tests --sanitize $(C_TESTS)

install: $(CORE)
	install -d $(DESTDIR)$(LUADIR)/broadsheet/formats $(DESTDIR)$(LIBDIR)/broadsheet $(DESTDIR)$(BINDIR)
	install -m 644 lua/broadsheet/*.lua $(DESTDIR)$(LUADIR)/broadsheet/
	install -m 644 lua/broadsheet/formats/*.lua $(DESTDIR)$(LUADIR)/broadsheet/formats/
	install -m 755 $(CORE) $(DESTDIR)$(LIBDIR)/broadsheet/core.so
	install -m 755 bin/broadsheet $(DESTDIR)$(BINDIR)/broadsheet

uninstall:
	rm -rf $(DESTDIR)$(LUADIR)/broadsheet $(DESTDIR)$(LIBDIR)/broadsheet $(DESTDIR)$(BINDIR)/broadsheet

clean:
	rm -rf build
