/// Thin C shim over ncursesw: exposes the macros and wide-character calls Swift cannot reach.
#ifndef VARDE_CCURSES_H
#define VARDE_CCURSES_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline int varde_color_pair(int n) { return COLOR_PAIR(n); }
static inline int varde_lines(void) { return LINES; }
static inline int varde_cols(void) { return COLS; }
static inline int varde_colors(void) { return COLORS; }
static inline int varde_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *varde_stdscr(void) { return stdscr; }
static inline int varde_key_resize(void) { return KEY_RESIZE; }
static inline int varde_key_code_yes(void) { return KEY_CODE_YES; }
static inline attr_t varde_a_bold(void) { return A_BOLD; }
static inline attr_t varde_a_reverse(void) { return A_REVERSE; }
static inline attr_t varde_a_underline(void) { return A_UNDERLINE; }
static inline attr_t varde_a_dim(void) { return A_DIM; }
static inline attr_t varde_a_normal(void) { return A_NORMAL; }

/// Initialises the locale from the environment (needed before initscr for UTF-8).
static inline void varde_setlocale(void) { setlocale(LC_ALL, ""); }

/// Draws one grapheme cluster (up to 8 code points) at y,x with the given attributes and colour pair.
int varde_put_cluster(int y, int x, const wchar_t *chars, int count, attr_t attrs, short pair);

/// Leaves curses with a blank screen: terminals without an alternate screen (TERM=linux, vt100)
/// would otherwise keep the last screen, patient data and all, after Varde has quit.
void varde_leave(void);

/// Reads one key: returns 0 for a character (in *ch), 1 for a function key (in *ch), -1 on timeout.
int varde_read_key(int *ch);

#endif
