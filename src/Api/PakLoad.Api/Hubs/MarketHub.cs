using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using PakLoad.Api.Auth;
using PakLoad.Core.Places;

namespace PakLoad.Api.Hubs;

/// <summary>
/// Live market events for web clients. Each signed-in party is in its own group (party:{id}); carriers may
/// also watch the loads posted from a city (city:{placeId}).
/// </summary>
[Authorize]
public sealed class MarketHub(Gazetteer gazetteer) : Hub
{
    public const string Path = "/hubs/market";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, MarketEvents.PartyGroup(Context.User!.PartyId()));
        await base.OnConnectedAsync();
    }

    /// <summary>Subscribes to "new load posted" from one city (any spelling the gazetteer knows).</summary>
    public async Task<bool> WatchCity(string city)
    {
        if (!gazetteer.TryFind(city, out var place))
        {
            return false;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, MarketEvents.CityGroup(place.Id));
        return true;
    }
}

/// <summary>Publishes the market's events to the hub's groups after the change they report has committed.</summary>
public sealed class MarketEvents(IHubContext<MarketHub> hub)
{
    public const string LoadPosted = "loadPosted";
    public const string BidReceived = "bidReceived";
    public const string BookingConfirmed = "bookingConfirmed";
    public const string LocationUpdated = "locationUpdated";
    public const string StatusChanged = "statusChanged";

    public static string PartyGroup(Core.Common.PartyId party) => $"party:{party}";

    public static string CityGroup(PlaceId city) => $"city:{city}";

    public Task ToParties(string eventName, object payload, params Core.Common.PartyId?[] parties) =>
        hub.Clients.Groups(parties.OfType<Core.Common.PartyId>().Distinct().Select(PartyGroup).ToList()).SendAsync(eventName, payload);

    public Task ToCity(string eventName, object payload, PlaceId city) =>
        hub.Clients.Group(CityGroup(city)).SendAsync(eventName, payload);
}
