/* textfile.h — mn_text_read, the one way input text files (INI files, sweep specifications) are
 * read: regular files up to 16 MiB without NUL bytes; anything else is refused with a message. */
#ifndef MN_TEXTFILE_H
#define MN_TEXTFILE_H

#include <stddef.h>

#include "error.h"

/* Largest input text file accepted by mn_text_read, in bytes. */
#define MN_TEXT_MAX_BYTES (16u * 1024u * 1024u)

/* Read a whole input text file into a new NUL-terminated buffer (*text, free() it; *size bytes
 * without the terminator). Refuses, with "PATH: ..." in err: a missing or unreadable file, anything
 * but a regular file (directory, /dev/zero, a FIFO), a file over MN_TEXT_MAX_BYTES, and a NUL byte
 * ("PATH:LINE: NUL byte in a text file"). Returns 0 or -1. */
int mn_text_read(const char *path, char **text, size_t *size, mn_error *err);

/* The checks of mn_text_read on text already in memory (name stands for the file in messages): at
 * most MN_TEXT_MAX_BYTES, no NUL byte ("NAME:LINE: NUL byte in a text file"). Returns 0 or -1. */
int mn_text_check(const char *name, const char *text, size_t size, mn_error *err);

#endif
