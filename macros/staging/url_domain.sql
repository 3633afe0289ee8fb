{% macro url_domain(url_column) -%}
    {#- Websites are typed by hand ('HTTPS://www.Acme.com/about', 'acme.com'); identity
        resolution matches them to email domains, so only the host is kept. A '/' is put in
        front so that only a leading 'www.' is dropped (a bare replace would also cut it out
        of hosts like 'awww.io'); the host is then the text between the first two '/'. -#}
    {%- set without_scheme = "replace(replace(lower(trim(" ~ url_column ~ ")), 'https://', ''), 'http://', '')" -%}
    {%- set marked = "replace(" ~ dbt.concat(["'/'", without_scheme]) ~ ", '/www.', '/')" -%}
    nullif({{ dbt.split_part(marked, "'/'", 2) | trim }}, '')
{%- endmacro %}
