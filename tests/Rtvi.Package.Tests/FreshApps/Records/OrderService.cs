using Rtvi;

[assembly: RtviJson(NamingPolicy = RtviJsonNamingPolicy.SnakeCaseLower)]

namespace Demo;

public enum Priority { Normal, Rush }
public sealed record Address(string City, string? Zip = null);
public sealed record Customer(string Name, Address Address);
public sealed record Line(string Sku, int Quantity, decimal Price);
public sealed record Order(Customer Customer, IReadOnlyList<Line> Lines, Priority Priority = Priority.Normal);
public sealed record Total(int Items, decimal Amount);
public sealed record Receipt(string Customer, string City, Priority Priority, Total Total, List<Line> Lines);

[RtviService("orders")]
public static class OrderService
{
    [RtviAction("place")]
    public static Receipt Place(Order order) => new(
        order.Customer.Name,
        order.Customer.Address.City,
        order.Priority,
        new Total(order.Lines.Sum(l => l.Quantity), order.Lines.Sum(l => l.Quantity * l.Price)),
        [.. order.Lines]);
}
