{% macro dq_tables() -%}
    {#- Every raw table the staging layer reads: its source, its base model (every raw
        row, classified) and its staging model (the kept rows). The data-quality models
        and the reconciliation test iterate over this one list. -#}
    {{ return([
        ('salesforce', 'account', 'base_salesforce__accounts', 'stg_salesforce__accounts'),
        ('salesforce', 'contact', 'base_salesforce__contacts', 'stg_salesforce__contacts'),
        ('salesforce', 'lead', 'base_salesforce__leads', 'stg_salesforce__leads'),
        ('salesforce', 'opportunity', 'base_salesforce__opportunities', 'stg_salesforce__opportunities'),
        ('salesforce', 'opportunity_history', 'base_salesforce__opportunity_history', 'stg_salesforce__opportunity_history'),
        ('salesforce', 'user', 'base_salesforce__users', 'stg_salesforce__users'),
        ('salesforce', 'campaign', 'base_salesforce__campaigns', 'stg_salesforce__campaigns'),
        ('salesforce', 'campaign_member', 'base_salesforce__campaign_members', 'stg_salesforce__campaign_members'),
        ('stripe', 'customer', 'base_stripe__customers', 'stg_stripe__customers'),
        ('stripe', 'product', 'base_stripe__products', 'stg_stripe__products'),
        ('stripe', 'price', 'base_stripe__prices', 'stg_stripe__prices'),
        ('stripe', 'subscription_history', 'base_stripe__subscription_history', 'stg_stripe__subscription_history'),
        ('stripe', 'subscription_item', 'base_stripe__subscription_items', 'stg_stripe__subscription_items'),
        ('stripe', 'coupon', 'base_stripe__coupons', 'stg_stripe__coupons'),
        ('stripe', 'discount', 'base_stripe__discounts', 'stg_stripe__discounts'),
        ('stripe', 'invoice', 'base_stripe__invoices', 'stg_stripe__invoices'),
        ('stripe', 'invoice_line_item', 'base_stripe__invoice_line_items', 'stg_stripe__invoice_line_items'),
        ('stripe', 'charge', 'base_stripe__charges', 'stg_stripe__charges'),
        ('stripe', 'refund', 'base_stripe__refunds', 'stg_stripe__refunds'),
        ('google_ads', 'campaign_stats', 'base_google_ads__campaign_stats', 'stg_google_ads__campaign_stats'),
        ('google_ads', 'campaign_history', 'base_google_ads__campaigns', 'stg_google_ads__campaigns'),
        ('google_ads', 'account_history', 'base_google_ads__accounts', 'stg_google_ads__accounts'),
        ('facebook_ads', 'basic_ad', 'base_facebook_ads__ad_stats', 'stg_facebook_ads__ad_stats'),
        ('facebook_ads', 'ad_history', 'base_facebook_ads__ads', 'stg_facebook_ads__ads'),
        ('facebook_ads', 'campaign_history', 'base_facebook_ads__campaigns', 'stg_facebook_ads__campaigns'),
        ('facebook_ads', 'account_history', 'base_facebook_ads__accounts', 'stg_facebook_ads__accounts'),
        ('segment', 'pages', 'base_segment__pages', 'stg_segment__pages'),
        ('segment', 'identifies', 'base_segment__identifies', 'stg_segment__identifies'),
    ]) }}
{%- endmacro %}
