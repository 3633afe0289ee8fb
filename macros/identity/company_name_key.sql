{% macro company_name_key(name_column) -%}
    {#- A company name reduced to what identifies it: lower case, punctuation gone, trailing
        legal forms dropped ('Acme, Inc.' and 'ACME Ltd' are both 'acme'; 'Co-op Coffee Co.'
        keeps its leading 'co'), single spaces. -#}
    {%- set legal_forms = 'inc|incorporated|llc|ltd|limited|gmbh|corp|corporation|co|company|plc|sa|sas|ag|bv|nv|pty|srl' -%}
    {%- set alnum = 'trim(' ~ regexp_replace_all('lower(' ~ name_column ~ ')', '[^a-z0-9]+', ' ') ~ ')' -%}
    nullif({{ regexp_replace_all(alnum, '( (' ~ legal_forms ~ '))+$', '') }}, '')
{%- endmacro %}
