"""Lists that editors type one item per line, as plain text fields."""


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
