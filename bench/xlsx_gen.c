// Writes a large worksheet with libxlsxwriter, the library riskscreen writes worklists with, for scripts/bench-xlsx.sh.
// Usage: xlsx_gen ROWS COLUMNS shared|inline OUT.xlsx
//   shared: the workbook keeps every cell in memory and writes a shared-strings table (as Excel and WPS save);
//   inline: constant_memory mode, inline strings (as riskscreen's own worklists are written).
// Columns cycle through the kinds a feed or a returned worklist holds: an 18-character ID (unique per cell, so the
// shared-strings table grows with the sheet), a name, a phone number stored as a number, a region code, a date,
// a decimal, an address.
// Build: cc -O2 bench/xlsx_gen.c $(pkg-config --cflags --libs xlsxwriter) -o /tmp/xlsx_gen
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s ROWS COLUMNS shared|inline OUT.xlsx\n", argv[0]); return 2; }
    long rows = atol(argv[1]);
    int cols = atoi(argv[2]);
    int inline_strings = strcmp(argv[3], "inline") == 0;
    lxw_workbook_options options = {.constant_memory = inline_strings, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(argv[4], &options);
    if (!wb) { fprintf(stderr, "cannot create %s\n", argv[4]); return 1; }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "名单");
    lxw_format *text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    static const char *surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    static const char *given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇"};
    char buf[128];
    for (int c = 0; c < cols; c++) {
        snprintf(buf, sizeof buf, "列%d", c + 1);
        worksheet_write_string(ws, 0, c, buf, NULL);
    }
    for (long r = 1; r <= rows; r++) {
        for (int c = 0; c < cols; c++) {
            switch (c % 7) {
            case 0:
                snprintf(buf, sizeof buf, "33010619%010ld", r * 7919 + c);
                worksheet_write_string(ws, r, c, buf, text);
                break;
            case 1:
                snprintf(buf, sizeof buf, "%s%s%s", surnames[r % 10], given[(r / 10) % 12], given[(r / 120) % 12]);
                worksheet_write_string(ws, r, c, buf, NULL);
                break;
            case 2: worksheet_write_number(ws, r, c, 13800000000.0 + (double)(r * 7919 % 100000000), NULL); break;
            case 3:
                snprintf(buf, sizeof buf, "330106%03ld%03ld", r % 20, r % 300);
                worksheet_write_string(ws, r, c, buf, text);
                break;
            case 4: {
                lxw_datetime d = {.year = 2020, .month = 1 + (int)(r % 12), .day = 1 + (int)(r % 28)};
                worksheet_write_datetime(ws, r, c, &d, date);
                break;
            }
            case 5: worksheet_write_number(ws, r, c, (double)(r % 10000) / 100.0, NULL); break;
            default:
                snprintf(buf, sizeof buf, "浙江省杭州市西湖区文三路%ld号%ld室", r % 500, r % 40);
                worksheet_write_string(ws, r, c, buf, NULL);
            }
        }
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) { fprintf(stderr, "%s: %s\n", argv[4], lxw_strerror(err)); return 1; }
    return 0;
}
