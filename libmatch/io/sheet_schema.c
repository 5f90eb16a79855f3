/* The workbook format's sheets and columns (docs/spreadsheets.md has the same tables). */
#include "sheet_schema.h"

#include <ctype.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const lm_column_spec community_columns[] = {
    {"id", LM_KIND_ID, true, "编号", "社区编号|代码", "C01", "社区的唯一编号", "unique id"},
    {"name", LM_KIND_TEXT, false, "名称", "社区名称|社区", "新惠街社区", "社区名称",
     "display name"},
    {"street", LM_KIND_TEXT, false, "所属街道", "街道|街道办", "新华路街道", "所属街道",
     "the street (sub-district) it belongs to"},
    {"lat", LM_KIND_NUMBER, true, "纬度", "latitude", "34.53", "纬度（度）", "latitude, degrees"},
    {"lon", LM_KIND_NUMBER, true, "经度", "longitude|lng", "113.38", "经度（度）",
     "longitude, degrees"},
};

static const lm_column_spec unit_columns[] = {
    {"id", LM_KIND_ID, true, "编号", "单位编号|代码", "U01", "单位的唯一编号", "unique id"},
    {"name", LM_KIND_TEXT, false, "名称", "单位名称|单位", "郑煤总医院", "单位名称",
     "display name"},
    {"community", LM_KIND_ID, true, "所属社区", "社区|社区编号", "C01", "所在社区的编号",
     "id of the community it is in"},
    {"min_projects", LM_KIND_INT, false, "最少项目数", "最低项目数|应参与项目数", "1",
     "每年至少参与的项目数（空：按参数）", "projects it must join (empty: the policy's)"},
};

static const lm_column_spec volunteer_columns[] = {
    {"id", LM_KIND_ID, true, "编号", "志愿者编号|代码", "V001", "志愿者的唯一编号", "unique id"},
    {"name", LM_KIND_TEXT, false, "姓名", "名称|志愿者姓名", "张伟", "姓名", "name"},
    {"unit", LM_KIND_ID, false, "所属单位", "单位|单位编号", "U01", "所属单位的编号（可空）",
     "id of the unit (may be empty)"},
    {"community", LM_KIND_ID, true, "所属社区", "社区|社区编号|居住社区", "C01", "居住社区的编号",
     "id of the home community"},
    {"lat", LM_KIND_NUMBER, false, "纬度", "latitude", "", "纬度（空：所在社区的）",
     "latitude (empty: the community's)"},
    {"lon", LM_KIND_NUMBER, false, "经度", "longitude|lng", "", "经度（空：所在社区的）",
     "longitude (empty: the community's)"},
    {"hours", LM_KIND_NUMBER, true, "可服务时长", "服务时长|时长|可用时长", "24",
     "一年可服务的小时数", "hours offered in the year"},
    {"min_hours", LM_KIND_NUMBER, false, "年度最低时长", "最低时长|最低服务时长", "20",
     "年度最低服务时长（空：按参数）", "yearly minimum hours (empty: the policy's)"},
    {"max_distance_km", LM_KIND_NUMBER, false, "服务半径", "最远距离|服务距离", "3",
     "最远服务距离，公里（空：按参数）", "how far they serve, km (empty: the policy's)"},
    {"skills", LM_KIND_TAGS, false, "专长", "技能|特长", "medical、teaching", "专长，用“、”分隔",
     "skills, separated by 、 or commas"},
    {"slots", LM_KIND_TAGS, false, "可服务时段", "时段|服务时段", "weekend、weekday_evening",
     "可服务时段（空：任何时段）", "time slots (empty: any)"},
};

static const lm_column_spec resource_columns[] = {
    {"id", LM_KIND_ID, true, "编号", "资源编号|代码", "R001", "资源的唯一编号", "unique id"},
    {"name", LM_KIND_TEXT, false, "名称", "资源名称", "活动室", "资源名称", "display name"},
    {"unit", LM_KIND_ID, true, "所属单位", "单位|单位编号|提供单位", "U01", "提供单位的编号",
     "id of the unit that offers it"},
    {"type", LM_KIND_ID, true, "类型", "资源类型", "venue", "资源类型（与需求的所需资源对应）",
     "type (what needs ask for)"},
    {"amount", LM_KIND_NUMBER, true, "数量", "可提供数量", "2", "可提供的数量", "amount offered"},
    {"lat", LM_KIND_NUMBER, false, "纬度", "latitude", "", "纬度（空：单位所在社区的）",
     "latitude (empty: its unit's community's)"},
    {"lon", LM_KIND_NUMBER, false, "经度", "longitude|lng", "", "经度（空：单位所在社区的）",
     "longitude (empty: its unit's community's)"},
    {"categories", LM_KIND_TAGS, false, "适用类别", "类别|服务类别", "after_school、culture",
     "可用于哪些需求类别（空：任何类别）", "need categories it serves (empty: any)"},
};

static const lm_column_spec need_columns[] = {
    {"id", LM_KIND_ID, true, "编号", "需求编号|项目编号|代码", "N001", "需求的唯一编号",
     "unique id"},
    {"name", LM_KIND_TEXT, false, "名称", "项目名称|需求名称|标题", "四点半课堂", "项目名称",
     "title"},
    {"community", LM_KIND_ID, true, "所属社区", "社区|社区编号", "C01", "需求所在社区的编号",
     "id of the community"},
    {"category", LM_KIND_ID, true, "类别", "需求类别|项目类别", "after_school", "需求类别",
     "category"},
    {"priority", LM_KIND_INT, true, "优先级", "紧急程度", "4", "优先级 1（低）到 5（高）",
     "priority 1 (low) to 5 (high)"},
    {"hours", LM_KIND_NUMBER, false, "所需时长", "时长|需要时长|服务时长", "20",
     "需要的志愿服务小时数", "volunteer hours it needs"},
    {"skills", LM_KIND_TAGS, false, "所需技能", "技能|专长|所需专长", "teaching",
     "所需专长（空：不限）", "skills wanted (empty: anyone)"},
    {"resources", LM_KIND_REQUESTS, false, "所需资源", "资源", "venue:1",
     "所需资源，类型:数量，用“、”分隔", "resources wanted, type:amount, separated by 、"},
    {"all_or_nothing", LM_KIND_BOOL, false, "全有或全无", "整体完成|不可部分完成", "否",
     "是：只能全部完成或不做", "yes: carried out wholly or not at all"},
    {"required", LM_KIND_BOOL, false, "必须完成", "必需|必办", "否", "是：必须全部完成",
     "yes: must be covered in full"},
    {"slots", LM_KIND_TAGS, false, "时段", "服务时段|需求时段", "weekday_evening",
     "服务时段（空：任何时段）", "time slots (empty: any)"},
    {"min_volunteers", LM_KIND_INT, false, "最少人数", "最少志愿者数", "1", "至少需要的志愿者人数",
     "fewest volunteers"},
    {"max_volunteers", LM_KIND_INT, false, "最多人数", "最多志愿者数", "",
     "最多志愿者人数（空：不限）", "most volunteers (empty: no limit)"},
};

static const lm_column_spec fixed_columns[] = {
    {"volunteer", LM_KIND_ID, true, "志愿者", "志愿者编号", "V001", "志愿者编号", "volunteer id"},
    {"need", LM_KIND_ID, true, "需求", "需求编号|项目编号", "N001", "需求编号", "need id"},
    {"hours", LM_KIND_NUMBER, true, "时长", "小时数|服务时长", "4", "至少安排的小时数",
     "hours it gets at least"},
};

static const lm_column_spec forbidden_columns[] = {
    {"volunteer", LM_KIND_ID, true, "志愿者", "志愿者编号", "V002", "志愿者编号", "volunteer id"},
    {"need", LM_KIND_ID, true, "需求", "需求编号|项目编号", "N001", "需求编号", "need id"},
};

static const lm_column_spec pair_columns[] = {
    {"volunteer", LM_KIND_ID, true, "志愿者", "志愿者编号", "", "志愿者编号", "volunteer id"},
    {"need", LM_KIND_ID, true, "需求", "需求编号|项目编号", "", "需求编号", "need id"},
    {"hours", LM_KIND_NUMBER, true, "时长", "小时数|服务时长", "", "选中时服务的小时数",
     "hours served when chosen"},
    {"value", LM_KIND_NUMBER, false, "价值", "收益", "", "选中时的价值（可为负）",
     "value when chosen (may be negative)"},
};

const lm_list_spec lm_sheet_lists[] = {
    {"communities", "社区", "社区表|社区列表", community_columns, N(community_columns)},
    {"units", "单位", "共建单位|单位表", unit_columns, N(unit_columns)},
    {"volunteers", "志愿者", "志愿者表|志愿者名册", volunteer_columns, N(volunteer_columns)},
    {"resources", "资源", "资源表|资源清单", resource_columns, N(resource_columns)},
    {"needs", "需求", "需求表|需求清单|项目", need_columns, N(need_columns)},
    {"fixed", "指定安排", "指定", fixed_columns, N(fixed_columns)},
    {"forbidden", "禁止安排", "禁止", forbidden_columns, N(forbidden_columns)},
    {"pairs", "候选配对", "配对", pair_columns, N(pair_columns)},
};
const size_t lm_sheet_n_lists = N(lm_sheet_lists);

static const lm_column_spec policy_rows[] = {
    {"name", LM_KIND_TEXT, false, "方案名称", "名称", "新华路街道 2026", "方案名称",
     "the scenario's name"},
    {"max_distance_km", LM_KIND_NUMBER, false, "服务半径", "最远距离", "3", "默认服务半径，公里",
     "how far volunteers and resources serve, km"},
    {"priority_weights", LM_KIND_NUMBERS, false, "优先级权重", "权重", "1、2、4、8、16",
     "优先级 1..5 的价值", "value of covering a need of priority 1..5"},
    {"distance_cost", LM_KIND_NUMBER, false, "距离成本", "", "0.001", "每公里每小时的成本",
     "cost per km per volunteer-hour"},
    {"volunteer_min_hours", LM_KIND_NUMBER, false, "志愿者年度最低时长", "年度最低时长", "20",
     "默认年度最低时长", "default yearly minimum hours"},
    {"volunteer_shortfall_penalty", LM_KIND_NUMBER, false, "时长不足罚分", "", "0.01",
     "每差一小时的罚分", "cost per hour short of the minimum"},
    {"unit_min_projects", LM_KIND_INT, false, "单位最少项目数", "", "1", "默认每个单位最少项目数",
     "default projects each unit joins"},
    {"unit_shortfall_penalty", LM_KIND_NUMBER, false, "项目不足罚分", "", "1", "每差一个项目的罚分",
     "cost per project short"},
    {"change_penalty", LM_KIND_NUMBER, false, "变动罚分", "", "", "偏离上次方案每小时的罚分",
     "cost per hour moved from the plan in force"},
    {"objective", LM_KIND_TEXT, false, "目标方式", "", "", "weighted 或 lexicographic",
     "weighted or lexicographic"},
    {"eligibility", LM_KIND_TEXT, false, "资格方式", "", "", "computed 或 pairs_only",
     "computed or pairs_only"},
    {"previous_plan", LM_KIND_TEXT, false, "上次方案", "现行方案", "", "现行方案文件（plan.json）",
     "the plan in force (a plan file)"},
};

const lm_list_spec lm_sheet_policy = {"policy", "参数", "政策|设置", policy_rows, N(policy_rows)};

const lm_column_spec lm_policy_key_column = {"field",     LM_KIND_TEXT, true,     "参数",
                                             "字段|项目", "",           "参数名", "policy field"};
const lm_column_spec lm_policy_value_column = {"value",     LM_KIND_TEXT, true,   "值",
                                               "取值|数值", "",           "取值", "value"};
const lm_column_spec lm_policy_note_column = {
    "note", LM_KIND_TEXT, false, "说明", "备注", "", "说明（不读取）", "a note (not read)"};

/* Copies text without spaces, with a trailing "(...)" or "（...）" dropped, ASCII lower-cased. */
static void normalise(const char *text, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = text; *p != '\0' && n + 1 < size; ++p) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (strncmp(p, "\xE3\x80\x80", 3) == 0) { /* ideographic space */
            p += 2;
            continue;
        }
        out[n++] = (char)tolower(c);
    }
    out[n] = '\0';
    size_t len = n;
    if (len > 0 && out[len - 1] == ')') {
        char *open = strrchr(out, '(');
        if (open != NULL && open > out)
            *open = '\0';
    } else if (len >= 3 && strcmp(out + len - 3, "\xEF\xBC\x89") == 0) { /* ） */
        char *open = NULL;
        for (char *q = out; (q = strstr(q, "\xEF\xBC\x88")) != NULL; ++q) /* （ */
            open = q;
        if (open != NULL && open > out)
            *open = '\0';
    }
}

static bool same(const char *norm, const char *name)
{
    char b[256];
    normalise(name, b, sizeof b);
    return b[0] != '\0' && strcmp(norm, b) == 0;
}

bool lm_header_matches(const char *text, const char *field, const char *zh, const char *aliases)
{
    char a[256];
    normalise(text, a, sizeof a);
    if (same(a, field) || same(a, zh))
        return true;
    const char *p = aliases;
    while (p != NULL && *p != '\0') {
        const char *bar = strchr(p, '|');
        size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
        char one[128];
        if (n < sizeof one) {
            memcpy(one, p, n);
            one[n] = '\0';
            if (same(a, one))
                return true;
        }
        p = bar != NULL ? bar + 1 : NULL;
    }
    return false;
}
