-- Published flow versions are immutable; aliases (such as 'live') point at one version and move on publish or
-- rollback. Calls record the version they started with (calls.flow_version).
create table flow_versions (
    flow_id      text        not null,
    version      int         not null check (version >= 1),
    content_hash text        not null,
    content      text        not null,
    source       text        not null,
    note         text        not null default '',
    published_at timestamptz not null,
    primary key (flow_id, version)
);

create index flow_versions_hash on flow_versions (flow_id, content_hash);

create table flow_aliases (
    flow_id    text        not null,
    alias      text        not null,
    version    int         not null,
    updated_at timestamptz not null,
    primary key (flow_id, alias),
    foreign key (flow_id, version) references flow_versions (flow_id, version)
);
