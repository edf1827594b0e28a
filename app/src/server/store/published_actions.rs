//! Published actions as the public board and its feed read them.

use crate::{
    domain::actions::BoardQuery,
    server::entities::{
        action, action_evidence, action_outcome, action_priority, dropin_series, outcome, priority,
        survey,
    },
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{ExprTrait, Query},
};

/// One page of published actions matching the board's `query`, newest
/// change first, and how many match in all.
pub async fn published_page(
    db: &impl ConnectionTrait,
    query: &BoardQuery,
) -> Result<(Vec<action::Model>, u64), DbErr> {
    let mut select = action::Entity::find().filter(action::Column::PublishedAt.is_not_null());
    if let Some(status) = query.status {
        select = select.filter(action::Column::Status.eq(status.as_str()));
    }
    if let Some(key) = &query.outcome {
        select = select.filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(action_outcome::Column::ActionId)
                    .from(action_outcome::Entity)
                    .inner_join(
                        outcome::Entity,
                        sea_orm::sea_query::Expr::col((outcome::Entity, outcome::Column::Id))
                            .equals((action_outcome::Entity, action_outcome::Column::OutcomeId)),
                    )
                    .and_where(outcome::Column::Key.eq(key.clone()))
                    .to_owned(),
            ),
        );
    }
    if let Some(number) = query.priority {
        select = select.filter(
            action::Column::Id.in_subquery(
                Query::select()
                    .column(action_priority::Column::ActionId)
                    .from(action_priority::Entity)
                    .inner_join(
                        priority::Entity,
                        sea_orm::sea_query::Expr::col((priority::Entity, priority::Column::Id))
                            .equals((action_priority::Entity, action_priority::Column::PriorityId)),
                    )
                    .and_where(priority::Column::Number.eq(number))
                    .to_owned(),
            ),
        );
    }
    for (column, id) in [
        (action_evidence::Column::SurveyId, query.survey),
        (action_evidence::Column::SeriesId, query.series),
    ] {
        if let Some(id) = id {
            select = select.filter(
                action::Column::Id.in_subquery(
                    Query::select()
                        .column(action_evidence::Column::ActionId)
                        .from(action_evidence::Entity)
                        .and_where(column.eq(id))
                        .to_owned(),
                ),
            );
        }
    }
    let total = select.clone().count(db).await?;
    let page_size = crate::domain::actions::BOARD_PAGE;
    let rows = select
        .order_by_desc(action::Column::UpdatedAt)
        .order_by_desc(action::Column::Id)
        .offset(query.page.saturating_sub(1) * page_size)
        .limit(page_size)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Surveys and drop-in series that some published action's evidence
/// points at: what the board's filters offer.
pub async fn drawn_on(
    db: &impl ConnectionTrait,
) -> Result<(Vec<survey::Model>, Vec<dropin_series::Model>), DbErr> {
    // What some published action's evidence points at, in one subquery each.
    let evidence_of_published = |column: action_evidence::Column| {
        Query::select()
            .column(column)
            .from(action_evidence::Entity)
            .and_where(
                action_evidence::Column::ActionId.in_subquery(
                    Query::select()
                        .column(action::Column::Id)
                        .from(action::Entity)
                        .and_where(action::Column::PublishedAt.is_not_null())
                        .to_owned(),
                ),
            )
            .to_owned()
    };
    let surveys = survey::Entity::find()
        .filter(
            survey::Column::Id
                .in_subquery(evidence_of_published(action_evidence::Column::SurveyId)),
        )
        .order_by_asc(survey::Column::Id)
        .all(db)
        .await?;
    let series = dropin_series::Entity::find()
        .filter(
            dropin_series::Column::Id
                .in_subquery(evidence_of_published(action_evidence::Column::SeriesId)),
        )
        .order_by_asc(dropin_series::Column::Name)
        .all(db)
        .await?;
    Ok((surveys, series))
}

/// The `limit` published actions changed most recently, for the feed.
pub async fn latest_published(
    db: &impl ConnectionTrait,
    limit: u64,
) -> Result<Vec<action::Model>, DbErr> {
    action::Entity::find()
        .filter(action::Column::PublishedAt.is_not_null())
        .order_by_desc(action::Column::UpdatedAt)
        .order_by_desc(action::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
