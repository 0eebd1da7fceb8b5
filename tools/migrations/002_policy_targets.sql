-- Revenue tiers and the province indicators and targets of 二、工作目标 (text and indicator table).
CREATE TABLE thresholds (
    value DOUBLE PRIMARY KEY,
    label VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    unit VARCHAR NOT NULL
);

INSERT INTO thresholds VALUES
    (100, '百亿级', 'revenue', '亿元'),
    (300, '300亿级', 'revenue', '亿元'),
    (500, '500亿级', 'revenue', '亿元'),
    (1000, '千亿级', 'revenue', '亿元');

-- aggregate: how the actual value is computed from cluster data (see tools/aggregates.py).
CREATE TABLE province_indicators (
    code VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    sort INTEGER NOT NULL
);

INSERT INTO province_indicators VALUES
    ('revenue_total', '集群营业收入', '万亿元', 1),
    ('clusters_100', '营业收入百亿级集群个数', '个', 2),
    ('mfg_high_tech', '制造业集群高新技术企业个数', '个', 3),
    ('mfg_rd_intensity', '制造业集群研发投入强度', '%', 4),
    ('mfg_specialized', '制造业集群单项冠军企业、专精特新“小巨人”企业、省专精特新中小企业数', '个', 5),
    ('five_one_coverage', '集群“五个一”机制覆盖率', '%', 6),
    ('trade_share', '集群进出口总额占全省比重', '%', 7),
    ('key_enterprises_100yi', '集群百亿级重点企业', '个', 8),
    ('clusters_500', '500亿级集群个数', '个', 9),
    ('clusters_300_500', '300—500亿级集群个数', '个', 10),
    ('clusters_1000', '千亿级集群个数', '个', 11),
    ('leading_enterprises', '发挥群主功能的龙头企业', '家', 12),
    ('partner_enterprises', '产业链供应链配套“伙伴”企业', '家', 13),
    ('national_share_clusters', '全国市场占有率、美誉度较高的集群', '个', 14),
    ('rd_platform_coverage', '制造业集群省级以上研发机构和科技创新服务平台覆盖', '%', 15),
    ('counties_with_100', '拥有百亿级以上集群的县（市）个数', '个', 16),
    ('mfg_clusters', '县域制造业特色产业集群总数', '个', 17);

-- kind: actual (published) or target. comparator: >= at least, > over (突破), ~ about (左右);
-- text keeps the wording; a qualitative target (持续增长) has value NULL.
CREATE TABLE province_targets (
    indicator VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    value DOUBLE,
    comparator VARCHAR,
    text VARCHAR NOT NULL,
    clause_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (indicator, year, kind, clause_id)
);

INSERT INTO province_targets VALUES
    ('revenue_total', 2023, 'actual', 0.79, NULL, '0.79', '2.table.1', '皖政办秘〔2024〕56号'),
    ('revenue_total', 2025, 'target', 1, '>=', '1', '2.table.1', '皖政办秘〔2024〕56号'),
    ('revenue_total', 2027, 'target', 1.4, '>=', '1.4', '2.table.1', '皖政办秘〔2024〕56号'),
    ('clusters_100', 2023, 'actual', 23, NULL, '23', '2.table.2', '皖政办秘〔2024〕56号'),
    ('clusters_100', 2025, 'target', 35, '>=', '35', '2.table.2', '皖政办秘〔2024〕56号'),
    ('clusters_100', 2027, 'target', 45, '>=', '45', '2.table.2', '皖政办秘〔2024〕56号'),
    ('mfg_high_tech', 2023, 'actual', 1849, NULL, '1849', '2.table.3', '皖政办秘〔2024〕56号'),
    ('mfg_high_tech', 2025, 'target', 2400, '>=', '2400', '2.table.3', '皖政办秘〔2024〕56号'),
    ('mfg_high_tech', 2027, 'target', NULL, NULL, '持续增长', '2.table.3', '皖政办秘〔2024〕56号'),
    ('mfg_rd_intensity', 2023, 'actual', 1.79, NULL, '1.79', '2.table.4', '皖政办秘〔2024〕56号'),
    ('mfg_rd_intensity', 2025, 'target', 2, '>=', '2', '2.table.4', '皖政办秘〔2024〕56号'),
    ('mfg_rd_intensity', 2027, 'target', NULL, NULL, '持续增长', '2.table.4', '皖政办秘〔2024〕56号'),
    ('mfg_specialized', 2023, 'actual', 986, NULL, '986', '2.table.5', '皖政办秘〔2024〕56号'),
    ('mfg_specialized', 2025, 'target', 1200, '>=', '1200', '2.table.5', '皖政办秘〔2024〕56号'),
    ('mfg_specialized', 2027, 'target', NULL, NULL, '持续增长', '2.table.5', '皖政办秘〔2024〕56号'),
    ('five_one_coverage', 2023, 'actual', 20, NULL, '20', '2.table.6', '皖政办秘〔2024〕56号'),
    ('five_one_coverage', 2025, 'target', 60, '>=', '60', '2.table.6', '皖政办秘〔2024〕56号'),
    ('five_one_coverage', 2027, 'target', 100, '>=', '100', '2.table.6', '皖政办秘〔2024〕56号'),
    ('trade_share', 2023, 'actual', 4.4, NULL, '4.4', '2.table.7', '皖政办秘〔2024〕56号'),
    ('trade_share', 2025, 'target', NULL, NULL, '持续提高', '2.table.7', '皖政办秘〔2024〕56号'),
    ('trade_share', 2027, 'target', NULL, NULL, '持续提高', '2.table.7', '皖政办秘〔2024〕56号'),
    ('key_enterprises_100yi', 2023, 'actual', 8, NULL, '8', '2.table.8', '皖政办秘〔2024〕56号'),
    ('key_enterprises_100yi', 2025, 'target', 10, '>=', '10', '2.table.8', '皖政办秘〔2024〕56号'),
    ('key_enterprises_100yi', 2027, 'target', 12, '>=', '12', '2.table.8', '皖政办秘〔2024〕56号'),
    ('clusters_100', 2025, 'target', 35, '>=', '力争培育营业收入百亿级集群35个', '2', '皖政办秘〔2024〕56号'),
    ('clusters_500', 2025, 'target', 3, '>=', '500亿级集群3个', '2', '皖政办秘〔2024〕56号'),
    ('clusters_300_500', 2025, 'target', 10, '~', '300—500亿级集群10个左右', '2', '皖政办秘〔2024〕56号'),
    ('revenue_total', 2025, 'target', 1, '>', '集群营业收入总规模突破1万亿元', '2', '皖政办秘〔2024〕56号'),
    ('mfg_high_tech', 2025, 'target', 2400, '>=', '制造业集群力争培育高新技术企业2400家', '2', '皖政办秘〔2024〕56号'),
    ('mfg_specialized', 2025, 'target', 1200, '>=', '省级以上各类专精特新企业1200家', '2', '皖政办秘〔2024〕56号'),
    ('rd_platform_coverage', 2025, 'target', NULL, NULL, '实现省级以上研发机构和科技创新服务平台全覆盖', '2', '皖政办秘〔2024〕56号'),
    ('leading_enterprises', 2025, 'target', 200, '>=', '培育发挥群主功能的龙头企业200家', '2', '皖政办秘〔2024〕56号'),
    ('partner_enterprises', 2025, 'target', 1000, '>=', '各类产业链供应链配套“伙伴”企业1000家', '2', '皖政办秘〔2024〕56号'),
    ('national_share_clusters', 2025, 'target', 10, '~', '力争培育10个左右在全国市场占有率、美誉度较高的集群', '2', '皖政办秘〔2024〕56号'),
    ('clusters_100', 2027, 'target', 45, '>=', '力争培育营业收入百亿级集群45个以上', '2', '皖政办秘〔2024〕56号'),
    ('clusters_1000', 2027, 'target', 1, '>=', '千亿级集群1个', '2', '皖政办秘〔2024〕56号'),
    ('revenue_total', 2027, 'target', 1.4, '>', '集群营业收入总规模突破1.4万亿元', '2', '皖政办秘〔2024〕56号'),
    ('counties_with_100', 2030, 'target', 59, '>=', '力争每个县（市）至少培育形成1个营业收入百亿级以上集群', '2', '皖政办秘〔2024〕56号'),
    ('clusters_1000', 2030, 'target', 3, '>=', '千亿级集群达到3个', '2', '皖政办秘〔2024〕56号'),
    ('revenue_total', 2030, 'target', 2, '>', '集群营业收入力争总规模突破2万亿元', '2', '皖政办秘〔2024〕56号'),
    ('mfg_clusters', 2030, 'target', 100, '~', '县域制造业特色产业集群总数100个左右', '2', '皖政办秘〔2024〕56号'),
    ('five_one_coverage', 2030, 'target', 100, '>=', '集群“五个一”推进机制全面建立', '2', '皖政办秘〔2024〕56号');
