"""Award and decline letters, made from approved decisions."""
