/*
** host.c: a minimal program that embeds Lua 5.4 and broadsheet's C core.
**
**   build/embed ARTICLE.txt    prints the article's headline
**
** It shows what an application that already hosts Lua needs to do to use
** broadsheet without LuaRocks or a shared object on package.cpath: link the
** core statically, register it under its module name, and call it through
** the ordinary Lua C API. Exit status: 0 on success, 1 for a file that cannot
** be read or parsed, 2 for bad usage (the same convention as the command).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

/* Defined in csrc/core.c. Declared here rather than through a header because
** an embedding host only ever needs this one symbol. */
int luaopen_broadsheet_core(lua_State *L);

/* The bytes of the input file, handed to the protected Lua code. */
struct input {
  const char *text;
  size_t len;
};

/*
** Reads the whole file at path into a malloc'd buffer and stores its length
** in *len. Returns NULL with errno set on failure. The buffer grows by
** doubling instead of trusting fseek/ftell, so that pipes and special files
** such as /dev/stdin work too and there is no fixed maximum size.
*/
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, used = 0;
  int saved;

  if (f == NULL)
    return NULL;
  for (;;) {
    size_t n;
    if (used == cap) {
      size_t ncap = cap ? cap * 2 : 64 * 1024;
      char *nbuf;
      if (ncap < cap) {             /* size_t overflow: cannot grow further */
        errno = ENOMEM;
        goto fail;
      }
      nbuf = realloc(buf, ncap);
      if (nbuf == NULL) {
        errno = ENOMEM;
        goto fail;
      }
      buf = nbuf;
      cap = ncap;
    }
    n = fread(buf + used, 1, cap - used, f);
    used += n;
    if (n == 0 || used < cap) {     /* short read: end of file or an error */
      if (ferror(f)) {
        if (errno == 0)
          errno = EIO;
        goto fail;
      }
      if (feof(f))
        break;
    }
  }
  if (fclose(f) != 0) {
    f = NULL;
    goto fail;
  }
  *len = used;
  return buf;

fail:
  saved = errno;                    /* free/fclose may change errno */
  free(buf);
  if (f != NULL)
    fclose(f);
  errno = saved;
  return NULL;
}

/*
** Runs in protected mode (through lua_pcall, from main): everything that can
** raise a Lua error, including running out of memory while opening the
** standard libraries or registering the core, is done here, so that an error
** becomes a message for main to print instead of a call to the panic handler
** and abort(). Leaves the record's title (or nil) on the stack.
*/
static int run(lua_State *L) {
  const struct input *in = (const struct input *)lua_touserdata(L, 1);

  luaL_openlibs(L);

  /* Registers the statically linked core in package.loaded, as if a shared
  ** broadsheet/core.so had been found by require; glb = 0 because the core
  ** is a module, not a global. Leaves the module table on the stack. */
  luaL_requiref(L, "broadsheet.core", luaopen_broadsheet_core, 0);

  lua_getfield(L, -1, "parse");
  if (lua_type(L, -1) != LUA_TFUNCTION)
    return luaL_error(L, "broadsheet.core has no parse function");
  lua_pushlstring(L, in->text, in->len);   /* Lua copies the bytes */
  lua_call(L, 1, 2);                       /* record [, message] */

  /* A failed parse may be reported as nil plus a message instead of an
  ** error; turn that into an error so main has one path for both. */
  if (lua_type(L, -2) != LUA_TTABLE) {
    if (lua_type(L, -1) == LUA_TSTRING)
      return lua_error(L);
    return luaL_error(L, "parse returned no record");
  }
  lua_getfield(L, -2, "title");
  return 1;
}

int main(int argc, char **argv) {
  struct input in;
  char *buf;
  lua_State *L;
  int status = 0;

  if (argc != 2) {
    fprintf(stderr, "usage: %s ARTICLE.txt\n", argc > 0 ? argv[0] : "embed");
    return 2;
  }

  /* The file is read in C before Lua exists, so a missing file is reported
  ** with the system's reason and needs no Lua state at all. */
  errno = 0;
  buf = read_file(argv[1], &in.len);
  if (buf == NULL) {
    fprintf(stderr, "embed: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  in.text = buf;

  L = luaL_newstate();
  if (L == NULL) {
    fprintf(stderr, "embed: cannot create Lua state: not enough memory\n");
    free(buf);
    return 1;
  }

  /* The input is passed as a light userdata rather than a string so that
  ** even copying it into Lua happens inside the protected call. */
  lua_pushcfunction(L, run);
  lua_pushlightuserdata(L, &in);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "embed: %s: %s\n", argv[1],
            msg ? msg : "(error object is not a string)");
    status = 1;
  } else if (lua_type(L, -1) != LUA_TSTRING) {
    fprintf(stderr, "embed: %s: no title\n", argv[1]);
    status = 1;
  } else {
    size_t n;
    const char *title = lua_tolstring(L, -1, &n);
    /* fwrite, not puts: a title is a Lua string and may hold any byte. */
    if (fwrite(title, 1, n, stdout) != n || putchar('\n') == EOF ||
        fflush(stdout) != 0) {
      fprintf(stderr, "embed: cannot write output: %s\n", strerror(errno));
      status = 1;
    }
  }

  lua_close(L);
  free(buf);                        /* Lua kept its own copy; ours is done */
  return status;
}
