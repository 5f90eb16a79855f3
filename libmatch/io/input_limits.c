/* Limits on a scenario file (input_limits.h). */
#include "input_limits.h"

int lm_json_text_depth(const char *text, size_t len, int limit, int *line)
{
    int depth = 0, deepest = 0;
    int at = 1;
    int in_string = 0;
    for (size_t k = 0; k < len; ++k) {
        char c = text[k];
        if (c == '\n')
            ++at;
        if (in_string) {
            if (c == '\\')
                ++k;
            else if (c == '"')
                in_string = 0;
            continue;
        }
        if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest)
                deepest = depth;
            if (deepest > limit) {
                *line = at;
                return deepest;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    *line = at;
    return deepest;
}
