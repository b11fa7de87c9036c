using Affinity.Server.Hosting;
using Affinity.Server.Serving;
using Affinity.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Affinity.Server.Api;

/// <summary>Items and users: <c>PUT /v1/items/{id}</c>, <c>PUT /v1/users/{id}</c>, <c>DELETE /v1/users/{id}</c>.</summary>
internal static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/v1/items/{id}", PutItemAsync)
            .WithName("PutItem")
            .WithSummary("Creates or replaces an item; hidden and available take effect at once.")
            .ProducesValidationProblem();
        routes.MapGet("/v1/items/{id}", GetItemAsync).WithName("GetItem").ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPut("/v1/users/{id}", PutUserAsync)
            .WithName("PutUser")
            .WithSummary("Creates or replaces a user's attributes.")
            .ProducesValidationProblem();
        routes.MapDelete("/v1/users/{id}", ForgetUserAsync)
            .WithName("ForgetUser")
            .WithSummary("Deletes the user's events and record and drops them from the served state at once.")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<ItemView>> PutItemAsync(string id, ItemBody body, ModelHost host, CancellationToken cancellationToken)
    {
        var item = new ItemRecord(Validate.Id(id, "id"), (body.Attributes ?? new AttributesBody()).ToEntity(), body.Available ?? true, body.Hidden ?? false);
        await host.UpsertItemAsync(item, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ItemView(item.Id, AttributesBody.From(item.Attributes), item.Available, item.Hidden));
    }

    private static async Task<Ok<ItemView>> GetItemAsync(string id, ModelHost host, CancellationToken cancellationToken)
    {
        var item = await host.Store.Items.GetAsync(Validate.Id(id, "id"), cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"There is no item '{id}' in the catalogue.");
        return TypedResults.Ok(new ItemView(item.Id, AttributesBody.From(item.Attributes), item.Available, item.Hidden));
    }

    private static async Task<Ok<UserView>> PutUserAsync(string id, UserBody body, ModelHost host, CancellationToken cancellationToken)
    {
        var user = new UserRecord(Validate.Id(id, "id"), (body.Attributes ?? new AttributesBody()).ToEntity());
        await host.Store.Users.UpsertAsync(user, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UserView(user.Id, AttributesBody.From(user.Attributes)));
    }

    private static async Task<Ok<ForgetView>> ForgetUserAsync(string id, ModelHost host, CancellationToken cancellationToken)
    {
        var user = Validate.Id(id, "id");
        var (stored, live) = await host.ForgetAsync(user, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ForgetView(user, stored.EventsDeleted, stored.UserDeleted, live));
    }
}
