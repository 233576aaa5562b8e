using System.Collections.Concurrent;

namespace RunRun.Actors.Messaging;

/// <summary>The gateways of the silos running in this process, by cluster id.</summary>
internal static class InProcessGatewayRegistry
{
    private static readonly ConcurrentDictionary<string, InProcessGateway> Gateways = new(StringComparer.Ordinal);

    public static void Register(string clusterId, InProcessGateway gateway) => Gateways[clusterId] = gateway;

    public static void Unregister(string clusterId, InProcessGateway gateway) =>
        Gateways.TryRemove(new KeyValuePair<string, InProcessGateway>(clusterId, gateway));

    public static bool TryFind(string clusterId, out InProcessGateway gateway) => Gateways.TryGetValue(clusterId, out gateway!);
}
