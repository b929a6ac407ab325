#include "ccurses.h"

int varde_put_cluster(int y, int x, const wchar_t *chars, int count, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t buf[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buf[i] = chars[i];
    buf[n] = L'\0';
    if (setcchar(&cell, buf, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

int varde_read_key(int *ch) {
    wint_t w = 0;
    int rc = get_wch(&w);
    *ch = (int)w;
    if (rc == ERR) return -1;
    return rc == KEY_CODE_YES ? 1 : 0;
}

void varde_leave(void) {
    erase();
    refresh();
    endwin();
}
