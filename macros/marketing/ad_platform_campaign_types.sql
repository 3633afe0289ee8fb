{% macro ad_platform_campaign_types() -%}
    {#- The Salesforce campaign type that mirrors each ad platform's campaigns. Their
        spend is counted from the platform; the Salesforce mirror's cost never is. -#}
    {{ return({'google_ads': 'Paid Search', 'facebook_ads': 'Paid Social'}) }}
{%- endmacro %}
